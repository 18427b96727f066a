package io.fapilog.benchmarks.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverloadRoundsSummaryTest {

    private static String round(String prefix, int load, long thread, long boundLoop, long boundLoopDropped, long async) {
        return prefix + "[overload-round] " + load + "% target 7350000/s: THREAD offered 7000000/s written " + thread + "/s dropped 0/s cpu 200 ns/event;"
                + " BOUND_LOOP offered 7000000/s written " + boundLoop + "/s dropped " + boundLoopDropped + "/s cpu 210 ns/event;"
                + " ASYNC offered 7000000/s written " + async + "/s dropped 0/s cpu 220 ns/event; shares BOUND_LOOP 0 ASYNC 0";
    }

    @Test
    void roundsOfRunsBeforeTheOfferedRateWasPrintedStillCount() {
        String old = "Iteration   1: [overload-round] 90% target 4410000/s: THREAD written 4000000/s dropped 0/s cpu 200 ns/event;"
                + " BOUND_LOOP written 3000000/s dropped 5/s cpu 210 ns/event; ASYNC written 2000000/s dropped 0/s cpu -5 ns/event;";

        var rounds = OverloadRoundsSummary.rounds(List.of(old));

        assertThat(OverloadRoundsSummary.markdown(rounds))
                .contains("| 90 % | 1 | – / – / – | 4.00 / 3.00 / 2.00 | 0.750 (0.75–0.75) | 0.500 (0.50–0.50) | 0.00 / 0.00 | 0 / 1 / 0 | 200 / 210 / -5 |");
    }

    @Test
    void measuredRoundsOnlyWithSharesTakenWithinEachRound() {
        List<String> log = List.of(
                round("# Warmup Iteration   1: ", 150, 1_000_000, 9_000_000, 0, 9_000_000),
                round("Iteration   1: ", 150, 4_000_000, 3_600_000, 100_000, 4_000_000),
                round("Iteration   2: ", 150, 2_000_000, 2_000_000, 0, 1_000_000),
                round("Iteration   3: ", 150, 5_000_000, 4_000_000, 300_000, 5_000_000),
                "Iteration   4: [overload-round] 150% target 7350000/s: THREAD written 1/s dropped 0/s cpu 1 ns/event;",
                round("Iteration   1: ", 300, 4_000_000, 4_000_000, 0, 4_000_000));

        var rounds = OverloadRoundsSummary.rounds(log);

        assertThat(rounds.get(150)).hasSize(3);  // the warm-up and the incomplete round left out
        assertThat(rounds.get(300)).hasSize(1);
        assertThat(OverloadRoundsSummary.markdown(rounds))
                // THREAD's median 4.0; BOUND_LOOP's shares 0.9, 1.0, 0.8; ASYNC's 1.0, 0.5, 1.0
                .contains("| 150 % | 3 | 7.00 / 7.00 / 7.00 | 4.00 / 3.60 / 4.00 | 0.900 (0.80–1.00) | 1.000 (0.50–1.00) | 0.10 / 0.00 | 0 / 2 / 0 | 200 / 210 / 220 |")
                .contains("| 300 % | 1 | 7.00 / 7.00 / 7.00 | 4.00 / 4.00 / 4.00 | 1.000 (1.00–1.00) | 1.000 (1.00–1.00) | 0.00 / 0.00 | 0 / 0 / 0 |");
    }

    @Test
    void theCallersDebtsSplitByWhetherTheTrialDropped() {
        List<String> log = List.of(
                withDebts(round("Iteration   1: ", 70, 2_000_000, 1_900_000, 50_000, 2_000_000), 5, 150_000, 2_000),
                withDebts(round("Iteration   2: ", 70, 2_000_000, 2_000_000, 0, 2_000_000), 7, 900, 3_100),
                withDebts(round("Iteration   3: ", 70, 2_000_000, 1_800_000, 90_000, 2_000_000), 9, 410_000, 1_200));

        assertThat(OverloadRoundsSummary.markdown(OverloadRoundsSummary.rounds(log)))
                .contains("| 0 / 2 / 0 | 200 / 210 / 220 | 150,000–410,000 / 3,100 |");
    }

    /** Adds each mode's {@code debt} after its CPU figure, as the benchmark prints it since 3 December. */
    private static String withDebts(String round, long thread, long boundLoop, long async) {
        return round.replace("cpu 200 ns/event;", "cpu 200 ns/event debt " + thread + ";")
                .replace("cpu 210 ns/event;", "cpu 210 ns/event debt " + boundLoop + ";")
                .replace("cpu 220 ns/event;", "cpu 220 ns/event debt " + async + ";");
    }

    @Test
    void theWorkersWorstSpellsSplitByWhetherTheTrialDropped() {
        String spell = " worst ran %d %% waited %d %% slept %d %% at 120 ms, cores process 1.9 machine %s steal 0.1;";
        List<String> log = List.of(
                round("Iteration   1: ", 70, 2_000_000, 1_900_000, 50_000, 2_000_000)
                        .replace("cpu 210 ns/event;", "cpu 210 ns/event debt 9" + spell.formatted(20, 75, 5, "2.0"))
                        .replace("cpu 220 ns/event;", "cpu 220 ns/event debt 9" + spell.formatted(90, 10, 0, "1.6")),
                round("Iteration   2: ", 70, 2_000_000, 1_800_000, 90_000, 2_000_000)
                        .replace("cpu 210 ns/event;", "cpu 210 ns/event debt 9" + spell.formatted(30, 60, 10, "1.8"))
                        .replace("cpu 220 ns/event;", "cpu 220 ns/event debt 9 worst none by backlog <10K 310 / 10-50K - / >=50K -;")
                        .replace("cpu 200 ns/event;", "cpu 200 ns/event debt 9 worst none by backlog <10K 290 / 10-50K 400 / >=50K 500;"));

        assertThat(OverloadRoundsSummary.markdown(OverloadRoundsSummary.rounds(log)))
                // with drops: BOUND_LOOP's two trials (ran 20 and 30, waited 75 and 60); without: ASYNC's first (the second saw no 50 ms of work);
                // cost by backlog: the two trials that printed it
                .endsWith("| 9–9 / 9 | 25 / 68 / 8, 1.9 (2) / 90 / 10 / 0, 1.6 (1) | 300 (2) / 400 (1) / 500 (1) | 0 of 0 / 0 of 0 / 0 of 0 / 2 of 4 |\n");
    }

    @Test
    void dropsAreCountedByTheWorkersLoadInTheTrial() {
        // offered 2 M/s: 300 ns/event is 0.6 of a core, 440 is 0.88, 490 is 0.98, 600 is 1.2
        List<String> log = List.of(
                round("Iteration   1: ", 70, 2_000_000, 2_000_000, 0, 2_000_000).replace("offered 7000000/s", "offered 2000000/s")
                        .replace("cpu 210 ns/event", "cpu 300 ns/event").replace("cpu 220 ns/event", "cpu 440 ns/event"),
                round("Iteration   2: ", 70, 2_000_000, 1_900_000, 50_000, 2_000_000).replace("offered 7000000/s", "offered 2000000/s")
                        .replace("cpu 210 ns/event", "cpu 490 ns/event").replace("cpu 220 ns/event", "cpu 600 ns/event")
                        .replace("ASYNC offered 2000000/s written 2000000/s dropped 0/s", "ASYNC offered 2000000/s written 1000000/s dropped 9/s"));

        assertThat(OverloadRoundsSummary.dropsByWorkerLoad(OverloadRoundsSummary.rounds(log).get(70)))
                .isEqualTo("0 of 1 / 0 of 1 / 1 of 1 / 1 of 1");
    }

    @Test
    void roundsOfTwoPresetsAreRefusedNotMerged() {
        String minimal = round("Iteration   1: ", 150, 4_000_000, 4_000_000, 0, 4_000_000).replace("/s:", "/s preset MINIMAL:");
        String production = round("Iteration   2: ", 150, 2_000_000, 2_000_000, 0, 2_000_000).replace("/s:", "/s preset PRODUCTION:");

        assertThat(OverloadRoundsSummary.rounds(List.of(minimal, minimal)).get(150)).hasSize(2);
        assertThatThrownBy(() -> OverloadRoundsSummary.rounds(List.of(minimal, production)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MINIMAL and PRODUCTION");
    }
}
