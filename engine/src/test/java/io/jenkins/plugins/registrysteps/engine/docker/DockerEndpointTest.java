package io.jenkins.plugins.registrysteps.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerEndpointTest {

    private static final Path HOME = Path.of("/home/ci");

    @Test
    void defaultIsTheLocalSocketWithoutTls() {
        DockerEndpoint endpoint = DockerEndpoint.fromEnvironment(Map.of(), HOME);
        assertThat(endpoint.host()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
        assertThat(endpoint.tlsVerify()).isFalse();
        assertThat(endpoint.configDir()).isEqualTo(Path.of("/home/ci/.docker"));
    }

    @Test
    void tcpHostWithTlsUsesTheCertPath() {
        DockerEndpoint endpoint = DockerEndpoint.fromEnvironment(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376",
                "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs"), HOME);
        assertThat(endpoint.host()).isEqualTo(URI.create("tcp://10.0.0.5:2376"));
        assertThat(endpoint.tlsVerify()).isTrue();
        assertThat(endpoint.certPath()).isEqualTo(Path.of("/certs"));
    }

    @Test
    void certPathDefaultsToTheConfigFolder() {
        DockerEndpoint endpoint = DockerEndpoint.fromEnvironment(Map.of("DOCKER_CONFIG", "/cfg", "DOCKER_TLS_VERIFY", "true"), HOME);
        assertThat(endpoint.certPath()).isEqualTo(Path.of("/cfg"));
    }

    @Test
    void zeroOrEmptyTlsVerifyMeansOff() {
        assertThat(DockerEndpoint.fromEnvironment(Map.of("DOCKER_TLS_VERIFY", "0"), HOME).tlsVerify()).isFalse();
        assertThat(DockerEndpoint.fromEnvironment(Map.of("DOCKER_TLS_VERIFY", ""), HOME).tlsVerify()).isFalse();
    }
}
