package dev.tunebook.kernel.notebook;

import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.jshell.CellError;
import dev.tunebook.kernel.jshell.CellResult;
import dev.tunebook.kernel.jshell.CellSession;
import dev.tunebook.kernel.jshell.Completion;
import dev.tunebook.kernel.jshell.Inspection;
import dev.tunebook.kernel.jshell.IsComplete;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A test-only session that runs one command per line instead of Java: {@code out TEXT}, {@code err
 * TEXT}, {@code value TEXT}, {@code display TEXT}, {@code update TEXT} (the last display), {@code
 * clear}, {@code fail TEXT}, {@code block} (until interrupted). It exercises the drivers' mapping
 * of outputs without depending on the evaluator.
 */
final class ScriptedSession implements CellSession {
    final List<String> executed = new ArrayList<>();
    private final RendererRegistry renderers = new RendererRegistry();
    private volatile CountDownLatch interrupted = new CountDownLatch(1);
    private String lastDisplay;

    @Override
    public CellResult execute(String code) {
        executed.add(code);
        interrupted = new CountDownLatch(1);
        CellResult result = CellResult.empty();
        for (String line : code.split("\n")) {
            String arg = line.indexOf(' ') < 0 ? "" : line.substring(line.indexOf(' ') + 1);
            switch (line.split(" ")[0]) {
                case "out" -> System.out.println(arg);
                case "err" -> System.err.println(arg);
                case "value" -> result = new CellResult(MimeBundle.ofText(arg), null, null);
                case "display" -> lastDisplay = Display.display(MimeBundle.ofText(arg));
                case "update" -> Display.updateDisplay(lastDisplay, MimeBundle.ofText(arg));
                case "clear" -> Display.clearOutput();
                case "progress" -> Display.progress(arg);
                case "fail" -> {
                    return new CellResult(
                            null, new CellError("Boom", arg, List.of("at " + arg)), null);
                }
                case "block" -> {
                    try {
                        interrupted.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new CellResult(
                            null, new CellError("Interrupted", "stopped", List.of()), null);
                }
                default -> {}
            }
        }
        return result;
    }

    @Override
    public CellResult evaluate(String expression) {
        return new CellResult(MimeBundle.ofText(expression), null, null);
    }

    @Override
    public void interrupt() {
        interrupted.countDown();
    }

    @Override
    public Completion complete(String code, int cursor) {
        return new Completion(List.of(), cursor, cursor);
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        return Inspection.notFound();
    }

    @Override
    public IsComplete isComplete(String code) {
        return new IsComplete("complete", "");
    }

    @Override
    public RendererRegistry renderers() {
        return renderers;
    }

    @Override
    public List<MagicSpec> magics() {
        return List.of();
    }

    @Override
    public void close() {}
}
