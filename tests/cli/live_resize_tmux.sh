#!/bin/sh
# The live timeline of a real-clock run, in a real terminal (tmux) whose window is narrowed
# while the run goes on: every frame must be erased whole, so that when the run ends the
# screen holds the tasks' lines and one timeline, not the remains of frames drawn at the old
# width. Skipped (exit 77) when tmux is not installed.
binary="$1"
command -v tmux >/dev/null 2>&1 || { echo "SKIPPED: tmux is not installed"; exit 77; }
socket="asyncdemo-resize-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null' EXIT

screen() { tmux -L "$socket" capture-pane -p -S -300 2>/dev/null; }
wait_for() {  # wait_for TEXT: polls the screen for up to 20 s
    i=0
    while [ $i -lt 200 ]; do
        if screen | grep -qF "$1"; then return 0; fi
        sleep 0.1
        i=$((i + 1))
    done
    echo "not on the screen after 20 s: $1"
    screen | tail -30
    exit 1
}

# gather waits 1, 5 and 3 s: at --speed 2 the live view runs for 2.5 s. COLUMNS is unset so
# that the width comes from the terminal, as in a classroom.
tmux -L "$socket" new-session -d -x 120 -y 60 \
    "env -u COLUMNS -u LANG -u LC_ALL -u LC_CTYPE $binary run gather --clock real --speed 2 --color always; sleep 30" ||
    exit 1
tmux -L "$socket" set-option -g window-size manual 2>/dev/null
wait_for "job 1 done"
tmux -L "$socket" resize-window -x 60 -y 60 || exit 1
wait_for "What to notice"

rulers=$(screen | grep -c '├')
if [ "$rulers" -ne 1 ]; then
    echo "expected one timeline after the run, found $rulers axis rulers on the screen:"
    screen
    exit 1
fi
# The final picture is drawn at the new width (columns, not bytes: a box glyph is 3 bytes).
ruler=$(screen | grep '├')
columns=$(printf '%s' "$ruler" | LC_ALL=C.UTF-8 wc -m)
if [ "$columns" -gt 60 ]; then
    echo "the final axis is $columns columns wide in a window of 60:"
    screen
    exit 1
fi
echo "live view under tmux: narrowed mid-run, one clean timeline at the new width"
