package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.kernel.MagicUsageException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Splitting and checking magic arguments. */
class MagicArgumentsTest {

    @Test
    void quotesGroupWordsAndOptionsTakeValues() {
        MagicArguments args =
                MagicArguments.parse(
                        "load 'my data/x.csv' --name d --skip-bad-rows --text \"a b\"",
                        Set.of("--name", "--text"),
                        Set.of("--skip-bad-rows"));
        assertEquals(List.of("load", "my data/x.csv"), args.positional());
        assertEquals("d", args.get("--name", null));
        assertEquals("a b", args.get("--text", null));
        assertTrue(args.has("--skip-bad-rows"));
        assertEquals("dataset", args.get("--label", "dataset"));
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        Set<String> valued = Set.of("--seed", "--name", "--price");
        MagicUsageException unknown =
                assertThrows(
                        MagicUsageException.class,
                        () -> MagicArguments.parse("--bogus 1", valued, Set.of()));
        assertEquals("unknown option --bogus", unknown.getMessage());
        assertEquals(
                "--seed needs a value",
                assertThrows(
                                MagicUsageException.class,
                                () -> MagicArguments.parse("--seed", valued, Set.of()))
                        .getMessage());
        MagicArguments parsed =
                MagicArguments.parse("--seed -3 --name 1x --price cheap", valued, Set.of());
        assertEquals(
                "--seed -3: expected a positive whole number",
                assertThrows(MagicUsageException.class, () -> parsed.positive("--seed", 1))
                        .getMessage());
        assertThrows(MagicUsageException.class, () -> parsed.variable("--name", "x"));
        assertThrows(MagicUsageException.class, () -> parsed.number("--price"));
        assertThrows(
                MagicUsageException.class, () -> MagicArguments.parse("'open", valued, Set.of()));
    }
}
