package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.MagicContext;
import java.nio.file.Path;
import java.util.List;

/** The {@link MagicContext} of a {@link JShellSession}. */
final class SessionMagicContext implements MagicContext {
    private final JShellSession session;

    SessionMagicContext(JShellSession session) {
        this.session = session;
    }

    @Override
    public Object eval(String code) throws Exception {
        return session.evalNested(code);
    }

    @Override
    public <T> void bind(String name, Class<? super T> type, T value) throws Exception {
        if (!name.matches("[A-Za-z_$][\\w$]*")) {
            throw new IllegalArgumentException("not a Java variable name: " + name);
        }
        String typeName = type.getCanonicalName();
        if (typeName == null) {
            throw new IllegalArgumentException("type has no canonical name: " + type);
        }
        String key = Bindings.park(value);
        try {
            session.evalNestedDespiteStop(
                    typeName
                            + " "
                            + name
                            + " = ("
                            + typeName
                            + ") dev.tunebook.kernel.jshell.Bindings.take(\""
                            + key
                            + "\");");
        } finally {
            Bindings.discard(key);
        }
    }

    @Override
    public Object lookup(String name) {
        return session.lookup(name);
    }

    @Override
    public void addClasspath(List<Path> paths) {
        for (Path path : paths) {
            session.addClasspath(path);
        }
    }

    @Override
    public Path workingDirectory() {
        return session.workingDirectory();
    }
}
