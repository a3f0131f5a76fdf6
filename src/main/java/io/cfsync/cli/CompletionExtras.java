package io.cfsync.cli;

import io.cfsync.dest.Destination;
import io.cfsync.dest.Destinations;
import io.cfsync.dest.SettingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What picocli's generated completion script cannot do, appended to it and registered in its place: file names for
 * the inputs of the commands that read files (picocli offers no positionals and switches bash's file fallback off),
 * only the chosen destination's keys after {@code --set}, and the {@code --option=value} forms (bash splits the
 * {@code =} into a word of its own; zsh keeps {@code --option=value} as one word). Generated from the command tree
 * and the registry, like the rest of the script. Stateless.
 */
final class CompletionExtras {
    private static final String FN = "_cf_sync_complete";

    private CompletionExtras() {
    }

    static String bash(CommandSpec root) {
        StringBuilder b = new StringBuilder("\n# cf-sync: input files, the chosen destination's settings and the "
                + "--option=value forms, then picocli's completion above.\n");
        b.append("function _cf_sync_keys() {\n  case \"$1\" in\n");
        Set<String> all = new TreeSet<>();
        for (Destination d : Destinations.all()) {
            List<String> keys = new ArrayList<>();
            for (SettingSpec s : d.settings()) {
                keys.add(s.key() + "=");
            }
            all.addAll(keys);
            b.append("    ").append(d.name()).append(") echo '").append(String.join(" ", keys)).append("' ;;\n");
        }
        b.append("    *) echo '").append(String.join(" ", all)).append("' ;;\n  esac\n}\n");
        b.append("_cf_sync_arg_opts=' ").append(String.join(" ", argOptions(root))).append(" '\n");
        b.append("_cf_sync_file_commands=' ").append(String.join(" ", fileCommands(root))).append(" '\n");
        b.append(FUNCTION);
        b.append("complete -F " + FN + " -o default cf-sync cf-sync.sh cf-sync.bash\n");
        return b.toString();
    }

    /** Every option that takes a value, in any command: after one, the next word is its value, not an input. */
    private static Set<String> argOptions(CommandSpec root) {
        Set<String> out = new TreeSet<>();
        List<CommandSpec> specs = new ArrayList<>(List.of(root));
        root.subcommands().values().forEach(c -> specs.add(c.getCommandSpec()));
        for (CommandSpec s : specs) {
            for (OptionSpec o : s.options()) {
                if (o.arity().max() > 0) {
                    out.addAll(List.of(o.names()));
                }
            }
        }
        return out;
    }

    /** The commands whose positional parameters are input files or folders. */
    private static List<String> fileCommands(CommandSpec root) {
        List<String> out = new ArrayList<>();
        for (CommandLine c : root.subcommands().values()) {
            CommandSpec s = c.getCommandSpec();
            boolean files = s.positionalParameters().stream().anyMatch(p -> p.paramLabel().startsWith("INPUT"));
            if (files && !s.usageMessage().hidden()) {
                out.add(s.name());
            }
        }
        return out;
    }

    // The words are put back in the space-separated shape picocli's function expects (--opt VALUE), so its option
    // lists and value candidates serve the = forms as well. zsh runs it in sh emulation (bashcompinit), where
    // ${a[@]:0:c} would read as the :c modifier: every slice takes $c.
    private static final String FUNCTION = """
            function _cf_sync_complete() {
              local cword=$COMP_CWORD prefix="" i w sub="" dest=""
              local -a words=("${COMP_WORDS[@]}")
              local cur="${words[cword]}" prev=""
              (( cword > 0 )) && prev="${words[cword-1]}"
              if [ "$cur" = "=" ] && [[ "$prev" == -* ]]; then
                words=("${words[@]:0:$cword}" ""); cur=""
              elif [ "$prev" = "=" ] && (( cword >= 2 )) && [[ "${words[cword-2]}" == -* ]]; then
                words=("${words[@]:0:$((cword - 1))}" "$cur"); cword=$((cword - 1))
              elif [[ "$cur" == --*=* ]]; then
                prefix="${cur%%=*}="; cur="${cur#*=}"
                words=("${words[@]:0:$cword}" "${prefix%=}" "$cur"); cword=$((cword + 1))
              fi
              prev="${words[cword-1]}"
              for ((i = 1; i < cword; i++)); do
                w="${words[i]}"
                if [ -z "$sub" ] && [[ "$w" != -* ]] && [[ "$_cf_sync_arg_opts" != *" ${words[i-1]} "* ]]; then
                  sub="$w"
                fi
                case "$w" in
                  -d|--dest) [ "${words[i+1]}" = "=" ] && dest="${words[i+2]}" || dest="${words[i+1]}" ;;
                  --dest=*) dest="${w#--dest=}" ;;
                  -d?*) dest="${w#-d}" ;;
                esac
              done
              COMPREPLY=()
              if [ "$prev" = "--set" ]; then
                type compopt &>/dev/null && compopt -o nospace 2>/dev/null
                COMPREPLY=( $(compgen -W "$(_cf_sync_keys "$dest")" -- "$cur") )
              elif [[ "$cur" != -* ]] && [[ "$_cf_sync_arg_opts" != *" $prev "* ]] \\
                  && [[ "$_cf_sync_file_commands" == *" $sub "* ]]; then
                type compopt &>/dev/null && compopt -o filenames 2>/dev/null
                local IFS=$'\\n'
                COMPREPLY=( $(compgen -f -- "$cur") )
              else
                local -a COMP_WORDS=("${words[@]}")
                local COMP_CWORD=$cword
                _complete_cf-sync
              fi
              if [ -n "$prefix" ] && (( ${#COMPREPLY[@]} > 0 )); then
                COMPREPLY=( "${COMPREPLY[@]/#/$prefix}" )
              fi
              return 0
            }
            """;
}
