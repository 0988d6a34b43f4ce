/**
 * The real-server test rig shared by all integration tests (engine, CLI, benchmarks via the engine test-jar).
 *
 * <p>{@link io.jenkins.plugins.registrysteps.engine.rig.Rig#get()} starts, once per JVM, a private {@code dockerd}
 * on a unix socket under {@code /tmp/rig-*} (or uses {@code DOCKER_HOST} when set), and
 * {@link io.jenkins.plugins.registrysteps.engine.rig.Rig#startRegistry()} starts {@code docker-registry} instances on
 * 127.0.0.1. Everything is stopped and deleted by a JVM shutdown hook. The Debian packages it needs are installed by
 * {@code .ci/install-servers}; the rig itself installs nothing.
 */
package io.jenkins.plugins.registrysteps.engine.rig;
