package dev.tunebook.kernel.magic;

/** Text a magic returns for Jupyter's pager (help, usage) instead of a displayed value. */
public record PagerText(String text) {}
