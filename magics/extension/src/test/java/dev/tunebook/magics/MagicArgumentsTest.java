package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Splitting and checking magic arguments, after {@code {name}} substitution. */
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

    @Test
    void doubleQuotesEscapeOnlyQuotesAndBackslashes() {
        assertEquals(
                List.of("say \"hi\"", "a\\b", "C:\\data\\x.csv", "it's", "", "ab"),
                MagicArguments.words(
                        "\"say \\\"hi\\\"\" \"a\\\\b\" \"C:\\data\\x.csv\" \"it's\" '' a'b'"));
        assertEquals(List.of(), MagicArguments.words(null));
        assertEquals(List.of(), MagicArguments.words("  \t "));
        assertEquals(
                "unclosed quote \" in: --labels \"open",
                assertThrows(
                                MagicUsageException.class,
                                () -> MagicArguments.words("--labels \"open"))
                        .getMessage());
    }

    @Test
    void anOptionFollowedByAnotherHasNoValue() {
        List<String> words = MagicArguments.words("--model --raw x");
        assertEquals(
                "--model needs a value",
                assertThrows(MagicUsageException.class, () -> MagicArguments.value(words, 0))
                        .getMessage());
        assertEquals("x", MagicArguments.value(words, 1));
        assertThrows(
                MagicUsageException.class,
                () -> MagicArguments.parse("--name --all", Set.of("--name"), Set.of("--all")));
    }

    @Test
    void numbersAreCheckedAgainstTheirRange() {
        assertEquals(3, MagicArguments.integer("--shots", "3", 1));
        assertEquals(
                "--shots 0: expected a whole number of at least 1",
                assertThrows(
                                MagicUsageException.class,
                                () -> MagicArguments.integer("--shots", "0", 1))
                        .getMessage());
        assertThrows(MagicUsageException.class, () -> MagicArguments.integer("--seed", "x", 0));
        assertEquals(0.5, MagicArguments.number("--top-p", "0.5", 1e-6, 1));
        assertEquals(
                "--top-p 2: expected a number from 1.0E-6 to 1.0",
                assertThrows(
                                MagicUsageException.class,
                                () -> MagicArguments.number("--top-p", "2", 1e-6, 1))
                        .getMessage());
        assertEquals(
                7,
                MagicArguments.parse("--seed 7", Set.of("--seed"), Set.of()).positive("--seed", 1));
    }

    @Test
    void variablesInBracesAreReplacedBeforeSplitting() {
        Notebook notebook = new Notebook(Path.of("."));
        notebook.variables.put("epochs", 2);
        notebook.variables.put("text", "a b");
        String expanded =
                VariableArguments.expand("--epochs {epochs} --text \"{text}\" {unknown}", notebook);
        assertEquals("--epochs 2 --text \"a b\" {unknown}", expanded);
        MagicArguments args =
                MagicArguments.parse(expanded, Set.of("--epochs", "--text"), Set.of());
        assertEquals(2, args.positive("--epochs", 1));
        assertEquals("a b", args.get("--text", null));
        assertEquals(List.of("{unknown}"), args.positional());
        assertEquals(
                List.of("a", "b"),
                MagicArguments.words(VariableArguments.expand("{text}", notebook)));
        assertEquals(null, VariableArguments.expand(null, notebook));
    }
}
