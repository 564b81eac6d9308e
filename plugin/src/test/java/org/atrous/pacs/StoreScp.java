package org.atrous.pacs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * DCMTK's storescp as the test's PACS: an independent Storage SCP on a free local port that
 * writes what it receives into a folder. It accepts the uncompressed transfer syntaxes only, as
 * many PACS do, unless {@code acceptDeflate}.
 */
public final class StoreScp implements AutoCloseable {

    public final String ae = "TESTPACS";
    public final int port;
    final Path received;
    private final Process process;

    private StoreScp(int port, Path received, Process process) {
        this.port = port;
        this.received = received;
        this.process = process;
    }

    public static StoreScp start(Path received, boolean acceptDeflate) throws IOException, InterruptedException {
        Files.createDirectories(received);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("storescp", "--aetitle", "TESTPACS", "-od", received.toString()));
        if (acceptDeflate) cmd.add("+xd");
        cmd.add(Integer.toString(port));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(received.resolveSibling(received.getFileName() + ".log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new StoreScp(port, received, p);
            } catch (IOException notYet) {
                if (!p.isAlive()) throw new IOException("storescp (Debian dcmtk) did not start");
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("storescp did not listen on port " + port);
    }

    public PacsNode node() {
        return new PacsNode(ae, "127.0.0.1", port, PacsNode.CALLING_AE);
    }

    public List<Path> files() throws IOException {
        try (var s = Files.list(received)) {
            return s.sorted().toList();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
