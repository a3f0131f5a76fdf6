package io.cfsync.dest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathSegmentTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "test@gmail.com|test%40gmail.com",
        "user/with/slashes|user%2Fwith%2Fslashes",
        "a b|a%20b",
        "a+b|a%2Bb",
        "~*'()!-_.|~*'()!-_.",
        "ü|%C3%BC",
        "😀|%F0%9F%98%80",
        "plain-Id_09|plain-Id_09",
        "?#&=%|%3F%23%26%3D%25"})
    void encodesLikeEncodeUriComponent(String in, String out) {
        assertEquals(out, PathSegment.encode(in));
    }
}
