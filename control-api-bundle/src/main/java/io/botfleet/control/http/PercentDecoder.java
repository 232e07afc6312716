package io.botfleet.control.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of one path segment (RFC 3986: '+' is a plus, not a space, unlike form
 * decoding), refusing malformed escapes and invalid UTF-8 instead of guessing.
 */
final class PercentDecoder {

    private PercentDecoder() {
    }

    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        int i = 0;
        while (i < segment.length()) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw ApiException.malformed("malformed percent-encoding in the path");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw ApiException.malformed("malformed percent-encoding in the path");
                }
                bytes.write(hi << 4 | lo);
                i += 3;
            } else {
                int cp = segment.codePointAt(i);
                byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(cp);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.malformed("the path is not valid UTF-8");
        }
    }
}
