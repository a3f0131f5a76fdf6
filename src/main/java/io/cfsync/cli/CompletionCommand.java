package io.cfsync.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cf-sync completion bash|zsh}: prints a shell completion script generated from the command tree itself, so
 * it always knows every subcommand, option, destination name ({@code --dest}), setting key of the chosen destination
 * ({@code --set}) and, for the commands that read inputs, file names ({@link CompletionExtras}).
 * The script is the same for both shells: under zsh it loads zsh's bash-completion layer first.
 */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Print a shell completion script (bash or zsh).",
        usageHelpAutoWidth = false,
        description = {
            "Prints a completion script for bash or zsh on stdout. It completes subcommands, options, destination "
                + "names after --dest, the chosen destination's setting keys after --set (also as --set=KEY), and "
                + "file names for the inputs of send and validate.",
            "",
            "Load it in the current shell with: source <(cf-sync completion bash)",
            // The command on a line of its own: a path split by wrapping can be neither read nor copied.
            "Or install it for every new shell, e.g.:",
            "  cf-sync completion bash > ~/.local/share/bash-completion/completions/cf-sync",
            "",
            "For zsh, add 'source <(cf-sync completion zsh)' to ~/.zshrc."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {"0:printed", ExitCodes.L2})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(root.context().out(), false, StandardCharsets.UTF_8);
        // The script is generated from the whole tree, this command included, so it completes its own argument.
        out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        out.print(CompletionExtras.bash(spec.root()));
        out.flush();
        return out.checkError() ? ExitCodes.ABORTED : ExitCodes.OK;
    }
}
