package org.atrous.crf;

import java.util.Arrays;

/**
 * Open-addressing hash table from a lattice vertex packed into one long (d coordinates of
 * {@link #bits(int)} bits each, biased to be non-negative) to a dense vertex index in insertion
 * order. One compare per probe instead of d: the fast path of lattice construction, used when
 * every coordinate fits; {@link LatticeHashTable} handles the rest.
 */
final class PackedKeyTable {

    private static final int EMPTY = -1;
    private long[] keys;
    private int[] slots;
    private int mask;
    private int size;

    PackedKeyTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new int[capacity];
        Arrays.fill(slots, EMPTY);
        mask = capacity - 1;
        keys = new long[Math.max(16, expected)];
    }

    /** Bits per coordinate for d coordinates in 64 bits (at most 32: coordinates are ints). */
    static int bits(int d) {
        return Math.min(32, 64 / d);
    }

    int size() {
        return size;
    }

    long key(int index) {
        return keys[index];
    }

    int find(long key, boolean insert) {
        int slot = hash(key) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == EMPTY) return insert ? insertAt(slot, key) : EMPTY;
            if (keys[entry] == key) return entry;
            slot = (slot + 1) & mask;
        }
    }

    private int insertAt(int slot, long key) {
        if (size == keys.length) keys = Arrays.copyOf(keys, keys.length * 2);
        keys[size] = key;
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
            int slot = hash(keys[e]) & mask;
            while (slots[slot] != EMPTY) slot = (slot + 1) & mask;
            slots[slot] = e;
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32) ^ (h >>> 17));
    }
}
