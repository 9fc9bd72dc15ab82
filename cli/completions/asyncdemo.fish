# fish completion for asyncdemo; lesson names and params come from the program itself.
set -l commands list run show compare tour progress bench serve trace check exercise
complete -c asyncdemo -f
complete -c asyncdemo -n "not __fish_seen_subcommand_from $commands" -a "$commands"
complete -c asyncdemo -l lang -xa "en pt-BR uk"
complete -c asyncdemo -l color -xa "auto always never"
complete -c asyncdemo -l ascii -d "draw with ASCII only"
complete -c asyncdemo -l catalog -rF -d "lessons.json to read"
complete -c asyncdemo -l version
complete -c asyncdemo -n "__fish_seen_subcommand_from run show compare" -a "(asyncdemo list --names 2>/dev/null)"
complete -c asyncdemo -n "__fish_seen_subcommand_from run compare tour" -l clock -xa "real virtual"
complete -c asyncdemo -n "__fish_seen_subcommand_from run compare tour" -l speed -x
complete -c asyncdemo -n "__fish_seen_subcommand_from run" -l set -xa "(asyncdemo list --params (commandline -opc)[3] 2>/dev/null | string replace -r '\$' '=')"
complete -c asyncdemo -n "__fish_seen_subcommand_from list run bench" -l json
complete -c asyncdemo -n "__fish_seen_subcommand_from run" -l step
complete -c asyncdemo -n "__fish_seen_subcommand_from run compare" -l svg -r
complete -c asyncdemo -n "__fish_seen_subcommand_from run compare trace" -l html -r
complete -c asyncdemo -n "__fish_seen_subcommand_from run compare" -l size -xa "1600x900 1920x1080 1280x720 1024x768"
complete -c asyncdemo -n "__fish_seen_subcommand_from run" -l trace -r
complete -c asyncdemo -n "__fish_seen_subcommand_from show" -l python
complete -c asyncdemo -n "__fish_seen_subcommand_from show" -l cpp
complete -c asyncdemo -n "__fish_seen_subcommand_from tour" -l from -x
complete -c asyncdemo -n "__fish_seen_subcommand_from tour" -l no-pause
complete -c asyncdemo -n "__fish_seen_subcommand_from progress" -l reset
complete -c asyncdemo -n "__fish_seen_subcommand_from bench" -a "w1 w2 w3 w4 w5 w6 w7"
complete -c asyncdemo -n "__fish_seen_subcommand_from bench" -l quick
complete -c asyncdemo -n "__fish_seen_subcommand_from check" -F
complete -c asyncdemo -n "__fish_seen_subcommand_from serve" -l port -x -d "port on 127.0.0.1 (0: any free one)"
complete -c asyncdemo -n "__fish_seen_subcommand_from trace" -F
complete -c asyncdemo -n "__fish_seen_subcommand_from trace" -l clock -xa "real virtual"
complete -c asyncdemo -n "__fish_seen_subcommand_from trace" -l speed -x
complete -c asyncdemo -n "__fish_seen_subcommand_from trace" -l json
complete -c asyncdemo -n "__fish_seen_subcommand_from trace" -l svg -r
complete -c asyncdemo -n "__fish_seen_subcommand_from trace" -l trace -r
complete -c asyncdemo -n "__fish_seen_subcommand_from trace" -l timeout -x
complete -c asyncdemo -n "__fish_seen_subcommand_from trace" -l python -r
complete -c asyncdemo -n "__fish_seen_subcommand_from exercise" -xa "list start check solution"
complete -c asyncdemo -n "__fish_seen_subcommand_from exercise" -l json
complete -c asyncdemo -n "__fish_seen_subcommand_from exercise" -l dir -r
complete -c asyncdemo -n "__fish_seen_subcommand_from exercise" -l watch
complete -c asyncdemo -n "__fish_seen_subcommand_from exercise" -l force
