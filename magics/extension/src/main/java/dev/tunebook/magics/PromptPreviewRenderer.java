package dev.tunebook.magics;

import dev.tunebook.finetune.prompt.PromptPreview;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.Renderer;

/** Shows a {@link PromptPreview} as HTML (trained part marked) with a plain-text fallback. */
public final class PromptPreviewRenderer implements Renderer<PromptPreview> {

    @Override
    public MimeBundle render(PromptPreview value) {
        return new MimeBundle().text(value.text()).html(value.html());
    }
}
