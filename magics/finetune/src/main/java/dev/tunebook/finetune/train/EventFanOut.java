package dev.tunebook.finetune.train;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Tells each of several {@link TrainingEvents} every event, in the order given. */
final class EventFanOut implements TrainingEvents {
    private final List<TrainingEvents> all;

    EventFanOut(TrainingEvents... all) {
        this.all = List.of(all);
    }

    private void tell(Consumer<TrainingEvents> event) {
        all.forEach(event);
    }

    @Override
    public void message(String text) {
        tell(e -> e.message(text));
    }

    @Override
    public void started(String name, int total, String metric) {
        tell(e -> e.started(name, total, metric));
    }

    @Override
    public void stepped(StepResult result) {
        tell(e -> e.stepped(result));
    }

    @Override
    public void evaluating(String split, int batch, int batches, double seconds, boolean last) {
        tell(e -> e.evaluating(split, batch, batches, seconds, last));
    }

    @Override
    public void validated(Validation validation) {
        tell(e -> e.validated(validation));
    }

    @Override
    public void recorded(StepRecord step) {
        tell(e -> e.recorded(step));
    }

    @Override
    public void epochEnded(int epoch) {
        tell(e -> e.epochEnded(epoch));
    }

    @Override
    public void evaluated(String split, Map<String, Double> metrics) {
        tell(e -> e.evaluated(split, metrics));
    }

    @Override
    public void finished(Outcome outcome) {
        tell(e -> e.finished(outcome));
    }

    @Override
    public void aborted(Exception error) {
        tell(e -> e.aborted(error));
    }
}
