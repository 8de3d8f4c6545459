package dev.scafctl.catalog.architecture.cycle.one;

import dev.scafctl.catalog.architecture.cycle.two.Second;

/** Half of a package cycle that {@code PackageCyclesTest} must see. */
public final class First {

    private First() {}

    public static int size() {
        return Second.weight() + 1;
    }
}
