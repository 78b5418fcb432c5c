package io.verso.auth;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures what one password verification costs with given argon2id parameters, to choose
 * {@code auth.argon2.*} for a machine: {@code java … io.verso.auth.HashCost [memoryKiB iterations
 * parallelism [ops]]} (defaults: the service defaults, 30 ops after 5 warm-up ops).
 */
public final class HashCost {
  private static final Logger LOG = LoggerFactory.getLogger(HashCost.class);

  private HashCost() {}

  public static void main(String[] args) {
    int memoryKiB = args.length > 0 ? Integer.parseInt(args[0]) : 19456;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int ops = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    PasswordHasher hasher = new PasswordHasher(memoryKiB, iterations, parallelism);
    String encoded = hasher.hash("calibration password");
    for (int i = 0; i < 5; i++) {
      hasher.verify("calibration password", encoded);
    }
    long start = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      hasher.verify("calibration password", encoded);
    }
    double msPerOp = (System.nanoTime() - start) / 1e6 / ops;
    LOG.info(String.format(Locale.ROOT, "argon2id m=%d KiB t=%d p=%d: %.1f ms per verification (%d ops, %d cores)",
        memoryKiB, iterations, parallelism, msPerOp, ops, Runtime.getRuntime().availableProcessors()));
  }
}
