package org.atrous.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The malloc arena line: a small MALLOC_ARENA_MAX is stated, a missing or large one gets the
 * advice; the test build is the CPU one.
 */
class DiagnosisTest {

    @Test
    void mallocArenasAreStatedOrAdvised() {
        assertEquals("MALLOC_ARENA_MAX=2 (glibc malloc arenas)", Diagnosis.mallocArenas(" 2"));
        assertTrue(Diagnosis.mallocArenas(null).startsWith("  note: MALLOC_ARENA_MAX is not set:"));
        assertTrue(Diagnosis.mallocArenas("64").contains("start Fiji or java with MALLOC_ARENA_MAX=2"));
    }

    @Test
    void theTestBuildRunsNd4jOnTheCpu() {
        org.junit.jupiter.api.Assertions.assertFalse(Diagnosis.cudaBuild(), "nd4j-native, not nd4j-cuda, unless -Pcuda");
    }
}
