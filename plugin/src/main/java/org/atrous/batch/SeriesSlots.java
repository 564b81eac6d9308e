package org.atrous.batch;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.atrous.progress.ProgressListener;

/**
 * Runs series on daemon threads of their own, at most {@code slots} at a time, and gives up on
 * one whose thread has not come back a while after its time limit: the give-up action reports
 * it, its slot goes to the next series, and its thread is left behind. The time limit alone
 * cannot end such a series: a thread blocked inside the operating system (a read from a dead
 * network mount) never reaches a cancellation point, and no Java call can stop it, so without
 * this an unattended run would wait on it for ever.
 *
 * <p>Each series settles once, by whichever comes first: its thread committing its result, or
 * the give-up. What comes second is dropped, so a thread that wakes up after the give-up reports
 * nothing.
 */
final class SeriesSlots {

    private final Semaphore free;
    private final long giveUpAfterSeconds;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "atrous-batch-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger unsettled = new AtomicInteger();

    /** @param giveUpAfterSeconds give up on a series this long after it started; 0: never */
    SeriesSlots(int slots, long giveUpAfterSeconds) {
        this.free = new Semaphore(slots);
        this.giveUpAfterSeconds = giveUpAfterSeconds;
    }

    /**
     * The give-up time for a series time limit: the limit plus a grace for the stretch between two
     * cancellation points (an inference batch, a CRF pass), as long as the limit up to 5 minutes.
     */
    static long giveUpAfter(long limitSeconds) {
        return limitSeconds <= 0 ? 0 : limitSeconds + Math.min(300, limitSeconds);
    }

    /**
     * Starts {@code series} when a slot is free. It returns what commits its result (run only if
     * the series was not given up); {@code release} runs exactly once, when the series settles
     * either way; {@code giveUp} reports a series given up.
     */
    void start(Supplier<Runnable> series, Runnable release, Runnable giveUp, ProgressListener listener)
            throws InterruptedException {
        while (!free.tryAcquire(200, TimeUnit.MILLISECONDS)) listener.checkCanceled();
        unsettled.incrementAndGet();
        AtomicInteger state = new AtomicInteger(); // 0 running, 1 committed by its thread, 2 given up
        Thread t = new Thread(() -> {
            Runnable commit = () -> { };
            try {
                commit = series.get();
            } finally {
                if (state.compareAndSet(0, 1)) settle(commit, release);
            }
        }, "atrous-batch");
        t.setDaemon(true);
        t.start();
        if (giveUpAfterSeconds > 0) {
            watchdog.schedule(() -> {
                if (state.compareAndSet(0, 2)) settle(giveUp, release);
            }, giveUpAfterSeconds, TimeUnit.SECONDS);
        }
    }

    private void settle(Runnable report, Runnable release) {
        try {
            report.run();
        } finally {
            release.run();
            free.release();
            unsettled.decrementAndGet();
        }
    }

    /** Waits until every started series has settled; threads given up on are not waited for. */
    void awaitAll(ProgressListener listener) throws InterruptedException {
        try {
            awaitIdle(listener);
        } finally {
            watchdog.shutdownNow();
        }
    }

    /** Waits until every series started has settled; more may be started after. */
    void awaitIdle(ProgressListener listener) throws InterruptedException {
        while (unsettled.get() > 0) {
            Thread.sleep(100);
            listener.checkCanceled();
        }
    }
}
