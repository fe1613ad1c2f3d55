package dev.tunebook.finetune.prompt.bench;

import dev.tunebook.finetune.prompt.ChatTemplate;
import dev.tunebook.finetune.prompt.ChatTemplateLibrary;
import dev.tunebook.finetune.prompt.Message;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.prompt.TemplateInputs;
import java.util.List;

/**
 * Measures chat-template rendering: one render of a four-turn conversation, and a full {@link
 * PromptFormat#render} (training text, inference prompt, assistant spans by prefix rendering). Run:
 * {@code java -cp magics/finetune/target/test-classes:magics/finetune/target/classes:CLASSPATH
 * dev.tunebook.finetune.prompt.bench.ChatTemplateBench [iterations]}.
 */
public final class ChatTemplateBench {

    private ChatTemplateBench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<Message> chat =
                List.of(
                        new Message("system", "You label the sentiment of reviews."),
                        new Message("user", "Review: The battery died in an hour."),
                        new Message("assistant", "negative"),
                        new Message("user", "Review: Works perfectly, great value!"),
                        new Message("assistant", "positive"));
        for (String name : List.of("chatml", "qwen3")) {
            ChatTemplate template = ChatTemplateLibrary.builtin(name);
            TemplateInputs inputs = TemplateInputs.builder().setConversation(chat).build();
            PromptFormat format = PromptFormat.builder().setTemplate(template).build();
            time(name + " render", n, () -> template.render(inputs));
            time(name + " PromptFormat.render", n / 4, () -> format.render(chat));
        }
    }

    private static void time(String label, int n, Runnable task) {
        for (int i = 0; i < Math.min(n, 500); i++) {
            task.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            task.run();
        }
        double micros = (System.nanoTime() - start) / 1e3 / n;
        System.out.printf("%-32s %8.1f us/op (%d ops)%n", label, micros, n);
    }
}
