/**
 * The real-server test rig shared by all integration tests (engine, CLI, benchmarks via the engine test-jar).
 *
 * <p>{@link io.jenkins.plugins.registrysteps.engine.rig.Rig#get()} starts, once per JVM, a private {@code dockerd}
 * on a unix socket under {@code /tmp/rig-*} (or uses {@code DOCKER_HOST} when set), and
 * {@link io.jenkins.plugins.registrysteps.engine.rig.Rig#startRegistry()} starts {@code docker-registry} instances on
 * 127.0.0.1, optionally with htpasswd or token auth (a {@link io.jenkins.plugins.registrysteps.engine.rig.RigTokenIssuer}
 * in the JVM) and TLS from a CA made at test time. Everything is stopped and deleted by a JVM shutdown hook. The Debian
 * packages it needs are installed by {@code .ci/install-servers}; the rig itself installs nothing. Certificates and
 * bcrypt hashes come from BouncyCastle, a test-scoped dependency of the engine: a module that uses the engine's
 * test-jar for auth or TLS needs {@code bcpkix-jdk18on} on its own test classpath.
 */
package io.jenkins.plugins.registrysteps.engine.rig;
