package org.atrous.ij;

import org.nd4j.common.config.ND4JClassLoading;

/**
 * ImageJ loads plugin jars with its own class loader, while DL4J may sit on the system class
 * path: DL4J then finds our custom graph vertices (named in a saved model's JSON) only through
 * the context class loader, so model loading and training run with ours set.
 */
final class PluginClassLoading implements AutoCloseable {

    private final Thread thread = Thread.currentThread();
    private final ClassLoader previous = thread.getContextClassLoader();

    private PluginClassLoading() {
        ClassLoader ours = PluginClassLoading.class.getClassLoader();
        thread.setContextClassLoader(ours);
        ND4JClassLoading.setNd4jClassloader(ours);
    }

    static PluginClassLoading enter() {
        return new PluginClassLoading();
    }

    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
