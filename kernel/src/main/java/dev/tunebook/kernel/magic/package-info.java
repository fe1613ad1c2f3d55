/**
 * Magics in cells: the parser that finds {@code %name args} line magics, {@code %%name args} cell
 * magics and {@code NAME?} help requests in a cell, the registry of magics, and the core magics
 * ({@code %lsmagic}, {@code %help}, {@code %maven}, {@code %mavenRepo}, {@code %classpath}, {@code
 * %load}, {@code %time}, {@code %%time}, {@code %%html}, {@code %%markdown}, {@code %env}).
 */
package dev.tunebook.kernel.magic;
