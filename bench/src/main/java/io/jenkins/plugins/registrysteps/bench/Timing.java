package io.jenkins.plugins.registrysteps.bench;

import java.util.Arrays;

/** Wall-clock timing and medians, shared by the benchmarks. */
final class Timing {

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private Timing() {
    }

    static double seconds(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
