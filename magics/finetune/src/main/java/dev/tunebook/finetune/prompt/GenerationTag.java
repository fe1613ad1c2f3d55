package dev.tunebook.finetune.prompt;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;

/**
 * {@code {% generation %}...{% endgeneration %}}: renders its body, bracketed by two Unicode
 * noncharacters that {@link JinjaEngine} strips afterwards while recording where the body landed in
 * the output, as transformers' {@code AssistantTracker} records the spans behind {@code
 * return_assistant_tokens_mask}.
 */
final class GenerationTag implements Tag {
    private static final long serialVersionUID = 1L;

    /** Marks where a generation body starts; U+FDD0 is reserved for internal use. */
    static final char OPEN = '\uFDD0';

    /** Marks where a generation body ends. */
    static final char CLOSE = '\uFDD1';

    @Override
    public String getName() {
        return "generation";
    }

    @Override
    public String getEndTagName() {
        return "endgeneration";
    }

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
        StringBuilder sb = new StringBuilder().append(OPEN);
        for (Node child : tagNode.getChildren()) {
            sb.append(child.render(interpreter).getValue());
        }
        return sb.append(CLOSE).toString();
    }
}
