/**
 * What the result types of the other packages render with: {@link
 * dev.tunebook.finetune.view.TableView} (HTML or aligned text tables), {@link
 * dev.tunebook.finetune.view.TablePreview} (the first rows of a Tablesaw table), {@link
 * dev.tunebook.finetune.view.ChartImages} (XChart charts as PNG, SVG or an inline HTML image),
 * {@link dev.tunebook.finetune.view.ChartAxes} (short tick labels) and {@link
 * dev.tunebook.finetune.view.Html} escaping. It depends on no other tunebook package, so {@code
 * data}, {@code eval}, {@code runs}, {@code cost} and {@code train} all may use it.
 */
package dev.tunebook.finetune.view;
