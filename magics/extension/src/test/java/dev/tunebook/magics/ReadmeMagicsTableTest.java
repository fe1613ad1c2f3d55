package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * README.md lists exactly the magics a session registers: the table between {@code <!--
 * magics:begin -->} and {@code <!-- magics:end -->} is the one {@link MagicsTable} generates.
 */
class ReadmeMagicsTableTest {

    @Test
    void readmeHoldsTheGeneratedMagicsTable() throws Exception {
        Path readme = Path.of(System.getProperty("tunebook.root", "../..")).resolve("README.md");
        assertTrue(Files.isRegularFile(readme), "no README.md at " + readme.toAbsolutePath());
        String text = Files.readString(readme);
        int begin = text.indexOf(MagicsTable.BEGIN);
        int end = text.indexOf(MagicsTable.END);
        String expected = MagicsTable.generate();
        String regenerate =
                "\nRegenerate with the table below (or run dev.tunebook.magics.MagicsTable):\n"
                        + MagicsTable.BEGIN
                        + "\n"
                        + expected
                        + MagicsTable.END;
        assertTrue(begin >= 0 && end > begin, "README.md lacks the magics markers" + regenerate);
        String actual = text.substring(begin + MagicsTable.BEGIN.length() + 1, end);
        assertEquals(expected, actual, "README.md's magics table is out of date" + regenerate);
    }
}
