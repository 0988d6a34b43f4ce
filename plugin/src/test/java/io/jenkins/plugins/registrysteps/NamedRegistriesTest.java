package io.jenkins.plugins.registrysteps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which lists of named registries can be saved: pure, no Jenkins needed. */
class NamedRegistriesTest {

    private static NamedRegistry registry(String name, String domain, boolean primary) {
        NamedRegistry registry = new NamedRegistry(name, domain);
        registry.setPrimary(primary);
        return registry;
    }

    @Test
    void distinctNamesAndOnePrimaryPerDomainAreFine() {
        assertNull(NamedRegistries.problem(List.of(registry("a", "demo.azurecr.io", true),
                registry("b", "https://demo.azurecr.io/v2/", false))));
    }

    @Test
    void twoPrimariesOnOneDomainAreRejected() {
        assertEquals("two named registries on demo.azurecr.io are primary: mark only one", NamedRegistries.problem(
                List.of(registry("a", "demo.azurecr.io", true), registry("b", "https://demo.azurecr.io", true))));
    }

    @Test
    void aNameTwiceIsRejected() {
        assertEquals("two named registries are called \"a\": give each its own name", NamedRegistries.problem(
                List.of(registry("a", "x.io", false), registry("a", "y.io", false))));
    }
}
