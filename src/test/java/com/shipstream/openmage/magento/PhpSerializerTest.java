package com.shipstream.openmage.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhpSerializerTest {
    private final PhpSerializer php = new PhpSerializer();

    @Test
    void writesWhatPhpWrites() {
        // each expectation is PHP 8.2's serialize() of the same value
        assertThat(php.serialize(null)).isEqualTo("N;");
        assertThat(php.serialize(true)).isEqualTo("b:1;");
        assertThat(php.serialize(-7L)).isEqualTo("i:-7;");
        assertThat(php.serialize(3.0)).isEqualTo("d:3;");
        assertThat(php.serialize(0.1)).isEqualTo("d:0.1;");
        assertThat(php.serialize(1.0e-5)).isEqualTo("d:1.0E-5;");
        assertThat(php.serialize("Grüße")).isEqualTo("s:7:\"Grüße\";");
        assertThat(php.serialize(List.of())).isEqualTo("a:0:{}");
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", 1L);
        map.put(5L, Arrays.asList("x", null));
        assertThat(php.serialize(map)).isEqualTo("a:2:{s:1:\"a\";i:1;i:5;a:2:{i:0;s:1:\"x\";i:1;N;}}");
        assertThat(php.serialize("https://mw.example.com/callback.php?plugin=ShipStream_Magento1&method=%7B%7Bmethod%7D%7D&secret_key=abc"))
                .isEqualTo("s:103:\"https://mw.example.com/callback.php?plugin=ShipStream_Magento1&method=%7B%7Bmethod%7D%7D&secret_key=abc\";");
    }

    @Test
    void readsBackWhatItWrites() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("text", "a;b\"c: 東京");
        map.put(9L, Arrays.asList(1L, 2.5, false, null, List.of()));
        for (Object value : Arrays.asList(null, true, 42L, -0.5, "", "x", List.of(1L, 2L), map)) {
            assertThat(php.unserialize(php.serialize(value))).isEqualTo(value);
        }
    }

    @Test
    void refusesObjectsAndBrokenData() {
        assertThatThrownBy(() -> php.unserialize("O:8:\"stdClass\":0:{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> php.unserialize("s:10:\"short\";")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> php.unserialize("i:1;junk")).isInstanceOf(IllegalArgumentException.class);
    }
}
