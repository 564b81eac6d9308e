package org.atrous.batch;

import java.io.Serializable;

/** One class's figures in a report row (the full table is the series' stats.csv). */
public record ClassVolume(String name, double volumeMl, int components) implements Serializable {
}
