package dev.tunebook.magics;

import dev.tunebook.kernel.MagicContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A notebook whose variables live in a map, for running magics in tests. */
final class Notebook implements MagicContext {
    final Map<String, Object> variables = new HashMap<>();
    private final Path directory;

    Notebook(Path directory) {
        this.directory = directory;
    }

    @Override
    public Object eval(String code) {
        throw new UnsupportedOperationException(code);
    }

    @Override
    public <T> void bind(String name, Class<? super T> type, T value) {
        variables.put(name, value);
    }

    @Override
    public Object lookup(String name) {
        return variables.get(name);
    }

    @Override
    public void addClasspath(List<Path> paths) {}

    @Override
    public Path workingDirectory() {
        return directory;
    }
}
