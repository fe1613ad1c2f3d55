package dev.tunebook.kernel.jshell;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell the one {@link SnippetExecutionControl} a session created. */
final class SnippetExecutionControlProvider implements ExecutionControlProvider {
    private final SnippetExecutionControl control;

    SnippetExecutionControlProvider(SnippetExecutionControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "tunebook";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
