package org.atrous.crf;

import java.util.Arrays;

/**
 * Open-addressing hash table from d integer lattice coordinates to a dense vertex index
 * (0, 1, 2, ... in insertion order). Coordinates are ints, so unlike the reference's 16-bit
 * keys they cannot wrap on large volumes; the table grows by doubling. Not thread-safe for
 * insertion; lookups without insertion may run concurrently once building is over.
 */
final class LatticeHashTable {

    private static final int EMPTY = -1;
    private final int d;
    private int[] keys;
    private int[] slots;
    private int mask;
    private int size;

    LatticeHashTable(int d, int expected) {
        this.d = d;
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new int[capacity];
        Arrays.fill(slots, EMPTY);
        mask = capacity - 1;
        keys = new int[Math.max(16, expected) * d];
    }

    int size() {
        return size;
    }

    /** The coordinates of vertex {@code index} start at {@code keys()[index * d]}. */
    int[] keys() {
        return keys;
    }

    /** Index of {@code key[from..from+d)}, inserting it when absent and {@code insert}. */
    int find(int[] key, int from, boolean insert) {
        int slot = hash(key, from) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == EMPTY) {
                return insert ? insertAt(slot, key, from) : EMPTY;
            }
            if (sameKey(entry, key, from)) return entry;
            slot = (slot + 1) & mask;
        }
    }

    private boolean sameKey(int entry, int[] key, int from) {
        int base = entry * d;
        for (int k = 0; k < d; k++) {
            if (keys[base + k] != key[from + k]) return false;
        }
        return true;
    }

    private int insertAt(int slot, int[] key, int from) {
        if (size * d == keys.length) keys = Arrays.copyOf(keys, keys.length * 2);
        System.arraycopy(key, from, keys, size * d, d);
        slots[slot] = size;
        size++;
        if (size * 2 > slots.length) grow();
        return size - 1;
    }

    private void grow() {
        if (slots.length >= 1 << 30) throw new IllegalStateException("lattice too large: " + size + " vertices");
        slots = new int[slots.length * 2];
        Arrays.fill(slots, EMPTY);
        mask = slots.length - 1;
        for (int e = 0; e < size; e++) {
            int slot = hash(keys, e * d) & mask;
            while (slots[slot] != EMPTY) slot = (slot + 1) & mask;
            slots[slot] = e;
        }
    }

    private int hash(int[] key, int from) {
        long h = 0;
        for (int k = 0; k < d; k++) h = (h + key[from + k]) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
