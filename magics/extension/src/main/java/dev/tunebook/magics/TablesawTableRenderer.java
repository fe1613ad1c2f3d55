package dev.tunebook.magics;

import dev.tunebook.finetune.view.TablePreview;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.Renderer;
import tech.tablesaw.api.Table;

/**
 * Shows a Tablesaw {@link Table} that ends a cell as {@code %dataset load} shows its rows: an HTML
 * table of the first rows, long cells cut ({@link TablePreview}), with a plain-text fallback.
 */
final class TablesawTableRenderer implements Renderer<Table> {

    @Override
    public MimeBundle render(Table table) {
        return new MimeBundle().text(TablePreview.text(table)).html(TablePreview.html(table));
    }
}
