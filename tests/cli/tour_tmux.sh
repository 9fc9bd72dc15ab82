#!/bin/sh
# The tour driven in a real terminal, as a person would: tmux types the keys, capture-pane
# reads the screen. Answers one question right and one wrong, quits, and resumes.
# Skipped (exit 77) when tmux is not installed.
binary="$1"
command -v tmux >/dev/null 2>&1 || { echo "SKIPPED: tmux is not installed"; exit 77; }
state=$(mktemp -d)
sessions=0
socket=""
trap 'tmux -L "$socket" kill-server 2>/dev/null; rm -rf "$state"' EXIT

start() {  # start ARGS...: a tour in a new terminal of 100x50, on a server of its own
    [ -n "$socket" ] && tmux -L "$socket" kill-server 2>/dev/null
    sessions=$((sessions + 1))
    socket="asyncdemo-test-$$-$sessions"
    tmux -L "$socket" new-session -d -x 100 -y 50 \
        "env XDG_STATE_HOME=$state COLUMNS=100 $binary $*; sleep 30" || exit 1
}
wait_for() {  # wait_for TEXT: polls the screen for up to 20 s
    i=0
    while [ $i -lt 200 ]; do
        if tmux -L "$socket" capture-pane -p -S -200 2>/dev/null | grep -qF "$1"; then return 0; fi
        sleep 0.1
        i=$((i + 1))
    done
    echo "not on the screen after 20 s: $1"
    tmux -L "$socket" capture-pane -p -S -200 | tail -20
    exit 1
}
keys() { tmux -L "$socket" send-keys "$@"; }

# create-task: see the code, answer 2 (right), leave.
start tour --from 7 --clock virtual
wait_for "Enter: see the code"
keys Enter
wait_for "Your answer (1-3"
keys 2 Enter
wait_for "Right!"
wait_for "Enter: next lesson"
keys q Enter
wait_for "goes on from lesson 8"

# The next tour resumes at lesson 8; there, answer gather's question wrong after moving on.
start tour --clock virtual --lang uk
wait_for "Продовжуємо з уроку 8."
keys q Enter
wait_for "продовжить з уроку 8"
start tour --from 11 --clock virtual
wait_for "Enter: see the code"
keys Enter
wait_for "Your answer (1-3"
keys 1 Enter
wait_for "Not quite: the answer is 2) [1, 5, 3]"
keys q Enter
wait_for "goes on from lesson 12"
echo "tour under tmux: right, wrong, quit and resume all as expected"
