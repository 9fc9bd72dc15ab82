#!/bin/sh
# `run --step` in a real terminal (tmux): Ctrl-C at the step prompt ends the run as Ctrl-C ends
# any run, with the outcome "interrupted", the timeline so far, and exit status 130. Once as
# the terminal sends it in its usual mode (SIGINT), once as a raw terminal does (the byte 0x03,
# typed after `stty raw`). Skipped (exit 77) when tmux is not installed.
binary="$1"
command -v tmux >/dev/null 2>&1 || { echo "SKIPPED: tmux is not installed"; exit 77; }
sessions=0
socket=""
trap 'tmux -L "$socket" kill-server 2>/dev/null' EXIT

screen() { tmux -L "$socket" capture-pane -p -S -200 2>/dev/null; }
wait_for() {  # wait_for TEXT: polls the screen for up to 20 s
    i=0
    while [ $i -lt 200 ]; do
        if screen | grep -qF -- "$1"; then return 0; fi
        sleep 0.1
        i=$((i + 1))
    done
    echo "not on the screen after 20 s: $1"
    screen | tail -30
    exit 1
}
keys() { tmux -L "$socket" send-keys "$@"; }
# The status is printed by a shell that does not itself die of the Ctrl-C sent to the terminal.
run_in_terminal() {  # run_in_terminal SETUP: `run create-task --step` in a new 100x50 terminal
    [ -n "$socket" ] && tmux -L "$socket" kill-server 2>/dev/null
    # A server of its own each time: a new session on a server still shutting down can fail.
    sessions=$((sessions + 1))
    socket="asyncdemo-step-$$-$sessions"
    tmux -L "$socket" new-session -d -x 100 -y 50 \
        "trap '' INT; $1 (trap - INT; exec env COLUMNS=100 $binary run create-task --step); status=\$?; stty sane; echo \"exit status: \$status\"; sleep 30" ||
        exit 1
}
check_interrupted() {
    wait_for "exit status: 130"
    screen | grep -qF "Interrupted." || { echo "no 'Interrupted.' outcome"; screen | tail -30; exit 1; }
    screen | grep -qF "Timeline (lesson seconds)" || { echo "no timeline"; screen | tail -30; exit 1; }
    # Stopped in pass 2: the run never reached pass 3.
    if screen | grep -qF "pass 3 "; then echo "the run went on after Ctrl-C"; screen | tail -30; exit 1; fi
}

# A terminal in its usual mode: Ctrl-C is SIGINT.
run_in_terminal ""
wait_for "pass 1 "
keys Enter
wait_for "pass 2 "
keys C-c
check_interrupted

# A raw terminal: Ctrl-C arrives as the byte 0x03.
# Output processing stays on (opost onlcr) so that the screen reads line by line.
run_in_terminal "stty raw -echo opost onlcr;"
wait_for "pass 1 "
keys Enter
wait_for "pass 2 "
keys C-c
check_interrupted
echo "--step under tmux: Ctrl-C ends the run, interrupted with its timeline, exit 130"
