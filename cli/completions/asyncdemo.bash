# bash completion for asyncdemo: commands, options, lesson names and their params.
# Lesson names and params come from the program itself (asyncdemo list --names / --params).
_asyncdemo() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else  # without the bash-completion package
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
    fi
    local commands="list run show compare tour progress bench serve trace check exercise"
    local command="" lesson="" i
    for ((i = 1; i < cword; i++)); do
        case "${words[i]}" in
            -*) ;;
            *) if [[ -z $command ]]; then command=${words[i]}; elif [[ -z $lesson ]]; then lesson=${words[i]}; fi ;;
        esac
    done
    case "$prev" in
        --lang) COMPREPLY=($(compgen -W "en pt-BR uk" -- "$cur")); return ;;
        --clock) COMPREPLY=($(compgen -W "real virtual" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --svg | --trace | --html | --python | --catalog) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --set)
            local params
            params=$(asyncdemo list --params "$lesson" 2>/dev/null)
            compopt -o nospace
            COMPREPLY=($(compgen -W "$(printf '%s= ' $params)" -- "$cur"))
            return ;;
        --size) COMPREPLY=($(compgen -W "1600x900 1920x1080 1280x720 1024x768" -- "$cur")); return ;;
        --speed | --from | --port | --timeout) return ;;
    esac
    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version --lang --color --ascii --catalog" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        local options="--lang --color --ascii --catalog --help"
        case "$command" in
            list) options+=" --json" ;;
            run) options+=" --clock --speed --set --json --step --svg --size --trace --html" ;;
            show) options+=" --python --cpp" ;;
            compare) options+=" --clock --speed --svg --size --html" ;;
            tour) options+=" --from --no-pause --clock --speed" ;;
            progress) options+=" --reset" ;;
            bench) options+=" --quick --json" ;;
            serve) options+=" --port" ;;
            trace) options+=" --clock --speed --json --svg --size --trace --html --timeout --python" ;;
            exercise) options+=" --json --dir --watch --python --force" ;;
        esac
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    case "$command" in
        run | show | compare) COMPREPLY=($(compgen -W "$(asyncdemo list --names 2>/dev/null)" -- "$cur")) ;;
        bench) COMPREPLY=($(compgen -W "w1 w2 w3 w4 w5 w6 w7" -- "$cur")) ;;
        trace) COMPREPLY=($(compgen -f -X '!*.py' -- "$cur") $(compgen -d -- "$cur")) ;;
        check) COMPREPLY=($(compgen -f -- "$cur")) ;;
        exercise)
            case "$lesson" in
                "") COMPREPLY=($(compgen -W "list start check solution" -- "$cur")) ;;
                check) COMPREPLY=($(compgen -f -X '!*.py' -- "$cur") $(compgen -d -- "$cur")) ;;
                start | solution)
                    COMPREPLY=($(compgen -W "$(asyncdemo exercise list --json 2>/dev/null | sed -n 's/.*"name": "\(.*\)".*/\1/p')" -- "$cur")) ;;
            esac ;;
    esac
}
complete -F _asyncdemo asyncdemo
