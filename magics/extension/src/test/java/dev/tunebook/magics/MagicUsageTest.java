package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tunebook.kernel.MagicSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The usage texts that {@code %help NAME} shows say each thing once. */
class MagicUsageTest {

    @Test
    void noUsageTextRepeatsALine() {
        List<String> repeated = new ArrayList<>();
        for (MagicSpec spec : TunebookMagics.magics()) {
            Set<String> seen = new HashSet<>();
            for (String line : spec.usage().split("\n")) {
                if (!line.isBlank() && !seen.add(line.strip())) {
                    repeated.add("%" + spec.name() + ": " + line);
                }
            }
        }
        assertFalse(TunebookMagics.magics().isEmpty());
        assertEquals(List.of(), repeated);
    }
}
