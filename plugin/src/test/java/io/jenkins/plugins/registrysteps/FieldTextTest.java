package io.jenkins.plugins.registrysteps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldTextTest {

    @Test
    void itemsSplitOnCommasAndLinesNotSpaces() {
        assertEquals(List.of("{{ .Branch }}-x", "latest"), FieldText.items("{{ .Branch }}-x,\n latest \n"));
    }

    @Test
    void wordsSplitOnSpacesToo() {
        assertEquals(List.of("5000", "53/udp", "8080"), FieldText.words("5000 53/udp, 8080"));
    }

    @Test
    void pairsKeepSpacesAndEqualsInValues() {
        assertEquals(Map.of("A", "x y", "B", "k=v"), FieldText.pairs("A=x y\nB=k=v\n", "env"));
    }

    @Test
    void pairWithoutNameIsRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldText.pairs("novalue", "labels"));
        assertEquals("labels: \"novalue\" is not NAME=value; write one NAME=value per line", e.getMessage());
    }

    @Test
    void commandsSplitOnQuotesAndEmptyKeepsTheImages() {
        assertEquals(List.of("sh", "-c", "echo a && echo b"), FieldText.command("sh -c 'echo a && echo b'", "cmd"));
        assertNull(FieldText.command("  ", "cmd"));
    }
}
