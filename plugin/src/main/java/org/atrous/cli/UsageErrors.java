package org.atrous.cli;

import java.util.function.Supplier;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Turns the core's refusal of a bad option value into picocli's usage error (exit 2). */
final class UsageErrors {

    private UsageErrors() { }

    /**
     * The value {@code check} computes; its IllegalArgumentException becomes a usage error whose
     * message starts with {@code prefix}. Without a command (an option object used outside
     * picocli) the exception passes unchanged.
     */
    static <T> T check(CommandSpec command, String prefix, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            if (command == null) throw e;
            throw new ParameterException(command.commandLine(), prefix + e.getMessage(), e);
        }
    }
}
