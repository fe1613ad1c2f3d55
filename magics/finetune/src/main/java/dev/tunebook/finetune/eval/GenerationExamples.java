package dev.tunebook.finetune.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.Message;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.prompt.PromptSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tech.tablesaw.api.Row;

/**
 * Builds the {@link GenerationExample}s of a dataset split: each row becomes a conversation
 * (through a {@code %%prompt}'s {@link PromptSpec}, or by default from instruction fields or chat
 * messages) whose final assistant turn is the reference, optionally after a system message and K
 * train rows shown as earlier turns (few-shot). Every row is checked before any is returned, so a
 * bad row fails the whole build with its split, row and file line.
 */
public final class GenerationExamples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Builder b;

    private GenerationExamples(Builder b) {
        this.b = b;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    private List<GenerationExample> build() {
        int[] rows = b.dataset.rows(b.split);
        if (rows.length == 0) {
            throw new IllegalArgumentException(
                    "split '" + b.split + "' of " + b.dataset.name() + " is empty");
        }
        if (b.referenceColumn != null
                && !b.dataset.table().columnNames().contains(b.referenceColumn)) {
            throw new IllegalArgumentException(
                    "dataset "
                            + b.dataset.name()
                            + " has no column '"
                            + b.referenceColumn
                            + "' for the reference; its columns: "
                            + String.join(", ", b.dataset.table().columnNames()));
        }
        if (b.prompt != null) {
            java.util.Set<String> available =
                    new java.util.LinkedHashSet<>(b.dataset.table().columnNames());
            if (b.context != null) {
                b.context.context().ifPresent(c -> available.addAll(c.columns()));
            }
            b.prompt.requireColumns(available);
        }
        List<List<Message>> shots = shots();
        int n = b.limit > 0 ? Math.min(b.limit, rows.length) : rows.length;
        List<GenerationExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(example(rows[i], shots));
        }
        return List.copyOf(out);
    }

    private GenerationExample example(int row, List<List<Message>> shots) {
        try {
            List<Message> query = answered(row);
            String reference = query.get(query.size() - 1).content();
            if (reference.isBlank()) {
                throw new IllegalArgumentException("empty reference (the assistant's answer)");
            }
            List<Message> messages = new ArrayList<>();
            String system = b.system != null ? b.system : system(query);
            if (system != null) {
                messages.add(new Message("system", system));
            }
            shots.forEach(messages::addAll);
            messages.addAll(withoutSystem(query));
            return new GenerationExample(
                    Integer.toString(row), lastUser(query), reference, b.format.render(messages));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where(row) + ": " + e.getMessage(), e);
        }
    }

    /** Returns the row's conversation ending in the assistant's reference answer. */
    private List<Message> answered(int row) {
        List<Message> messages = new ArrayList<>(conversation(row));
        boolean endsAnswered = messages.get(messages.size() - 1).role().equals("assistant");
        if (b.referenceColumn != null) {
            if (endsAnswered) {
                messages.remove(messages.size() - 1);
            }
            Object value = b.dataset.table().row(row).getObject(b.referenceColumn);
            messages.add(new Message("assistant", value == null ? "" : value.toString()));
        } else if (!endsAnswered) {
            throw new IllegalArgumentException(
                    "the conversation ends with a "
                            + messages.get(messages.size() - 1).role()
                            + " turn: end the prompt with 'assistant: {column}' to name the"
                            + " reference, or name its column");
        }
        return messages;
    }

    private List<Message> conversation(int row) {
        Row values = b.dataset.table().row(row);
        if (b.prompt != null) {
            Map<String, ?> fields = rowValues(values);
            return b.prompt.messages(b.context == null ? fields : b.context.rowWithContext(fields));
        }
        return switch (b.dataset.task()) {
            case INSTRUCTION -> instruction(values);
            case CHAT -> chat(values.getString("messages"));
            default ->
                    throw new IllegalArgumentException(
                            "a "
                                    + b.dataset.task().name().toLowerCase(java.util.Locale.ROOT)
                                    + " dataset has no answer to compare with: write a %%prompt"
                                    + " whose last turn is 'assistant: {column}'");
        };
    }

    private static List<Message> instruction(Row row) {
        String input = row.getString("input");
        String user = row.getString("instruction") + (input.isBlank() ? "" : "\n\n" + input);
        return List.of(
                new Message("user", user), new Message("assistant", row.getString("output")));
    }

    private static List<Message> chat(String json) {
        List<Message> messages = new ArrayList<>();
        try {
            for (JsonNode m : JSON.readTree(json)) {
                messages.add(new Message(m.get("role").asText(), m.get("content").asText()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("messages are not JSON: " + e.getMessage(), e);
        }
        return messages;
    }

    /** Returns K train rows' conversations without system turns, drawn with the seed. */
    private List<List<Message>> shots() {
        if (b.shots == 0) {
            return List.of();
        }
        List<Integer> train = new ArrayList<>();
        for (int row : b.dataset.rows(b.trainSplit)) {
            train.add(row);
        }
        if (train.size() < b.shots) {
            throw new IllegalArgumentException(
                    b.shots
                            + " shots need as many train rows; "
                            + b.dataset.name()
                            + " has "
                            + train.size());
        }
        Collections.shuffle(train, new Random(b.seed));
        List<List<Message>> out = new ArrayList<>();
        for (int row : train.subList(0, b.shots)) {
            try {
                out.add(withoutSystem(answered(row)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where(row) + " (a shot): " + e.getMessage(), e);
            }
        }
        return out;
    }

    private String where(int row) {
        return "split "
                + b.split
                + ", row "
                + row
                + " ("
                + b.dataset.sourceOf(row)
                + " line "
                + b.dataset.lineOf(row)
                + ")";
    }

    private static String system(List<Message> messages) {
        return messages.get(0).role().equals("system") ? messages.get(0).content() : null;
    }

    private static List<Message> withoutSystem(List<Message> messages) {
        return messages.stream().filter(m -> !m.role().equals("system")).toList();
    }

    private static String lastUser(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    private static Map<String, Object> rowValues(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String column : row.columnNames()) {
            values.put(column, row.getObject(column));
        }
        return values;
    }

    /** Builds the examples. Instances are not thread-safe. */
    public static final class Builder {
        private Dataset dataset;
        private String split;
        private PromptFormat format;
        private PromptSpec prompt;
        private ChatPrompt context;
        private String referenceColumn;
        private String system;
        private int shots;
        private long seed;
        private int limit;
        private String trainSplit = "train";

        private Builder() {}

        /** Sets the dataset (required). */
        public Builder setDataset(Dataset value) {
            dataset = value;
            return this;
        }

        /** Sets the split whose rows become examples (required). */
        public Builder setSplit(String value) {
            split = value;
            return this;
        }

        /**
         * Sets the chat format conversations are rendered with (required): a {@code %%prompt}'s, or
         * the tokenizer's chat template ({@link TextGenerator#chatFormat}).
         */
        public Builder setFormat(PromptFormat value) {
            format = value;
            return this;
        }

        /**
         * Sets how a row becomes a conversation (a {@code %%prompt}'s spec); default: instruction
         * rows as a user turn (instruction, a blank line, input) and the output as the answer, chat
         * rows as their messages.
         */
        public Builder optPrompt(PromptSpec value) {
            prompt = value;
            context = null;
            return this;
        }

        /**
         * Sets a {@code %%prompt} whose rows may be filled from a context source ({@code %%prompt
         * --context IDX}): its spec, and the columns the source adds to every row.
         */
        public Builder optPrompt(ChatPrompt value) {
            prompt = value == null ? null : value.spec();
            context = value == null || value.context().isEmpty() ? null : value;
            return this;
        }

        /**
         * Takes the reference from this column, replacing the conversation's final assistant turn
         * if it has one (default: that turn is the reference).
         */
        public Builder optReferenceColumn(String value) {
            referenceColumn = value;
            return this;
        }

        /** Sets the system message, replacing the conversation's own (default: its own, if any). */
        public Builder optSystem(String value) {
            system = value;
            return this;
        }

        /** Shows {@code value} train rows as earlier turns of every conversation (default 0). */
        public Builder optShots(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("shots must be >= 0: " + value);
            }
            shots = value;
            return this;
        }

        /** Sets the split few-shot examples are drawn from (default train). */
        public Builder optTrainSplit(String value) {
            trainSplit = java.util.Objects.requireNonNull(value, "trainSplit");
            return this;
        }

        /** Sets the seed of the few-shot draw (default 0). */
        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        /** Keeps the first {@code value} rows of the split; 0 (the default) keeps all. */
        public Builder optLimit(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("limit must be >= 0: " + value);
            }
            limit = value;
            return this;
        }

        /** Returns the number of shots (for the run a baseline records). */
        int shots() {
            return shots;
        }

        /** Returns the seed of the few-shot draw. */
        long seed() {
            return seed;
        }

        /** Returns the split whose rows become examples. */
        String split() {
            return split;
        }

        /** Returns the dataset's name. */
        String datasetName() {
            return dataset.name();
        }

        /**
         * Returns the settings a baseline run records in its hyperparameters: the shots, the seed
         * (few-shot only), the system message and the limit (when set), and the template's name.
         */
        Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("shots", shots);
            if (shots > 0) {
                s.put("seed", seed);
            }
            if (system != null) {
                s.put("instruction", system);
            }
            s.put("template", format.template().name());
            if (limit > 0) {
                s.put("limit", limit);
            }
            return s;
        }

        /**
         * Returns the examples.
         *
         * @throws IllegalArgumentException naming the split, row and file line of a row that has no
         *     answer, an empty reference, or a placeholder without a column; or a missing reference
         *     column or empty split
         * @throws NullPointerException if a required value is missing
         */
        public List<GenerationExample> build() {
            java.util.Objects.requireNonNull(dataset, "dataset");
            java.util.Objects.requireNonNull(split, "split");
            java.util.Objects.requireNonNull(format, "format");
            return new GenerationExamples(this).build();
        }
    }
}
