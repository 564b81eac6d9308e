package org.atrous.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.atrous.pacs.PacsNode;
import org.atrous.pacs.PacsStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atrous store --to AE@host:port PATH...}: sends DICOM files (SEGs, SRs, ...) to a PACS. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Sends DICOM files, or every DICOM file under folders (other files are skipped), to a PACS with "
                + "C-STORE, e.g. a segment or batch run's seg.dcm and measurements-sr.dcm. Exit 0 when every file was "
                + "stored, 1 when some were not.")
final class StoreCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "AE@HOST:PORT", description = "the node, e.g. PACS@10.0.0.5:104")
    String to;
    @Option(names = "--calling-ae", defaultValue = PacsNode.CALLING_AE, description = "the AE title to call from "
            + "(default ${DEFAULT-VALUE})") String callingAe;
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "DICOM files or folders") List<Path> paths;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PacsNode node = UsageErrors.check(spec, "--to: ", () -> PacsNode.parse(to, callingAe));
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        int skipped = collect(files);
        if (skipped > 0) out.println("skipped " + skipped + " files under the folders that are not DICOM");
        if (files.isEmpty()) {
            err.println("no DICOM files to store");
            err.flush();
            return 1;
        }
        List<PacsStore.Outcome> outcomes = PacsStore.send(node, files);
        for (PacsStore.Outcome o : outcomes) {
            if (o.stored()) out.println("stored " + o.file());
            else err.println("not stored " + o.file() + ": " + o.reason());
        }
        out.println(PacsStore.summary(node, outcomes).replaceAll(";.*", ""));
        out.flush();
        err.flush();
        return outcomes.stream().allMatch(PacsStore.Outcome::stored) ? 0 : 1;
    }

    /** The named files, and the DICOM files under the named folders; returns how many other files were skipped. */
    private int collect(List<Path> files) throws IOException {
        int skipped = 0;
        for (Path p : paths) {
            if (!Files.exists(p)) throw new CommandLine.ParameterException(spec.commandLine(), "no such file or folder: " + p);
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            List<Path> found;
            try (Stream<Path> s = Files.walk(p)) {
                found = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
            }
            for (Path f : found) {
                if (PacsStore.isDicom(f)) files.add(f);
                else skipped++; // a results folder also holds CSV, PNG and NIfTI files
            }
        }
        return skipped;
    }
}
