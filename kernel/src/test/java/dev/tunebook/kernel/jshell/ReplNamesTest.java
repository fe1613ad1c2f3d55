package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ReplNamesTest {
    @Test
    void dropsTheWrapperBeforeTheMemberItHolds() {
        assertEquals("\"o\" is null", ReplNames.readable("\"REPL.$JShell$33.o\" is null"));
        assertEquals("class Foo", ReplNames.readable("class REPL.$JShell$12$Foo"));
        assertEquals("Foo$Inner", ReplNames.readable("REPL.$JShell$12$Foo$Inner"));
        assertEquals("Foo.bar", ReplNames.readable("$JShell$7.Foo.bar"));
        assertEquals("redefined x", ReplNames.readable("redefined REPL.$JShell$33B.x"));
    }

    @Test
    void aWrapperAloneReadsAsTheCell() {
        assertEquals("in cell: 1", ReplNames.readable("in REPL.$JShell$40: 1"));
        assertEquals("in cell.", ReplNames.readable("in REPL.$JShell$40."));
    }

    @Test
    void otherTextIsUnchanged() {
        assertEquals("Index 5 out of bounds", ReplNames.readable("Index 5 out of bounds"));
        assertEquals("a $JShell$ b", ReplNames.readable("a $JShell$ b"));
        assertNull(ReplNames.readable(null));
    }
}
