package org.atrous.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/atrous}: one picocli command with a subcommand per job. */
@Command(name = "atrous", mixinStandardHelpOptions = true, version = "Atrous 0.1.0",
        description = "DICOM segmentation with DeepLab and DenseCRF, headless.",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, InfoCommand.class,
                SegmentCommand.class, TrainCommand.class, EvaluateCommand.class, CompareCommand.class, ModelCommand.class,
                PhantomCommand.class, ConvertCommand.class, CrfCommand.class, CrfBenchCommand.class,
                CrfDemoCommand.class, BatchCommand.class, BatchBenchCommand.class, StoreCommand.class, DecodeBenchCommand.class,
                DoctorCommand.class, ListenCommand.class})
public final class AtrousCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        int rc;
        try {
            rc = commandLine().execute(args);
        } catch (Error | RuntimeException e) { // an Error from a command passes picocli's handler by
            String why = backendFailure(e);
            if (why == null) throw e;
            System.err.println("atrous: " + why);
            rc = 1;
        }
        System.exit(rc);
    }

    /** The configured command line; tests call this to run subcommands in-process. */
    public static CommandLine commandLine() {
        // picocli already exits 2 on a usage error, as the CLI contract asks.
        return new CommandLine(new AtrousCli()).setExecutionExceptionHandler((e, cl, parsed) -> {
            String why = backendFailure(e);
            if (why == null) throw e; // picocli prints it whole
            cl.getErr().println("atrous: " + why);
            return 1;
        });
    }

    /** A one-line reason when {@code e} comes from ND4J's native backend failing to start, else null. */
    static String backendFailure(Throwable e) {
        return org.atrous.install.BackendFailure.explain(e, org.atrous.install.BackendFailure.DOCTOR);
    }
}
