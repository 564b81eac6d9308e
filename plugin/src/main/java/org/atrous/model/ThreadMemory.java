package org.atrous.model;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J keeps its workspaces (the off-heap memory a graph's activations live in) per thread. A
 * thread that ends without releasing them leaves that memory to be freed whenever the garbage
 * collector happens to collect the thread's objects, so a batch that runs each series on a
 * thread of its own would pile it up over thousands of series. Such a thread calls {@link
 * #release()} as its series ends.
 */
public final class ThreadMemory {

    private ThreadMemory() { }

    /** Frees the calling thread's ND4J workspaces; the next inference on this thread makes new ones. */
    public static void release() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }
}
