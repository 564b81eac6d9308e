package org.atrous.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.atrous.install.Diagnosis;
import org.atrous.model.ModelZoo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atrous doctor}: what is wrong with this installation, before a user meets it as a stack trace. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks this installation: Java and memory, whether ND4J's native code runs here, the models",
                "found, and with --fiji a Fiji folder Atrous was copied into: libraries present in two versions",
                "(which Java then mixes, failing with NoSuchMethodError). Exit 0 when nothing needs fixing, 1 when",
                "something does (lines starting PROBLEM), 2 on a usage error."})
public final class DoctorCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--fiji", paramLabel = "DIR", description = "a Fiji.app folder to check for libraries in two versions")
    Path fiji;

    @Override
    public Integer call() {
        if (fiji != null && !java.nio.file.Files.isDirectory(fiji.resolve("jars"))) {
            spec.commandLine().getErr().println("atrous doctor: " + fiji + " has no jars/ folder: not a Fiji.app");
            return 2;
        }
        // in Fiji the shipped models sit in Fiji.app/atrous/model-zoo
        ModelZoo zoo = fiji == null ? ModelZoo.standard()
                : new ModelZoo(List.of(fiji.resolve("atrous").resolve("model-zoo"), ModelZoo.userFolder()));
        Diagnosis d = Diagnosis.run(zoo, fiji);
        d.lines().forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().println(d.problems() == 0 ? "nothing to fix" : d.problems() + " problem(s) to fix");
        return d.problems() == 0 ? 0 : 1;
    }
}
