package dev.tunebook.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tunebook.kernel.MagicSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class MagicRegistryTest {
    private static MagicSpec line(String name) {
        return MagicSpec.line(name, "%" + name, (a, b, c) -> name);
    }

    @Test
    void findsByNameAndKind() {
        MagicRegistry registry = new MagicRegistry();
        MagicSpec time = line("time");
        MagicSpec cellTime = MagicSpec.cell("time", "%%time", (a, b, c) -> null);
        registry.register(time);
        registry.register(cellTime);
        assertSame(time, registry.find("time", MagicSpec.Kind.LINE));
        assertSame(cellTime, registry.find("time", MagicSpec.Kind.CELL));
        assertNull(registry.find("html", MagicSpec.Kind.CELL));
    }

    @Test
    void laterRegistrationReplaces() {
        MagicRegistry registry = new MagicRegistry();
        registry.register(line("env"));
        MagicSpec replacement = line("env");
        registry.register(replacement);
        assertSame(replacement, registry.findAny("env"));
        assertEquals(1, registry.all().size());
    }

    @Test
    void closeNamesCatchTyposAndPrefixes() {
        MagicRegistry registry = new MagicRegistry();
        List.of("maven", "mavenRepo", "load", "lsmagic", "time")
                .forEach(n -> registry.register(line(n)));
        assertEquals(List.of("maven"), registry.closeNames("mavne", MagicSpec.Kind.LINE));
        assertEquals(List.of("time"), registry.closeNames("tiem", MagicSpec.Kind.LINE));
        assertEquals(
                List.of("maven", "mavenRepo"), registry.closeNames("mav", MagicSpec.Kind.LINE));
        assertEquals(List.of(), registry.closeNames("zzzzzz", MagicSpec.Kind.LINE));
    }
}
