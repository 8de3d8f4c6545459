package dev.scafctl.catalog.architecture.cycle.two;

import dev.scafctl.catalog.architecture.cycle.one.First;

/** The other half of the package cycle that {@code PackageCyclesTest} must see. */
public final class Second {

    private Second() {}

    public static int weight() {
        return 1;
    }

    public static int total() {
        return First.size() + weight();
    }
}
