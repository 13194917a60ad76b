package io.selene.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import io.selene.vision.TestPhotos;
import io.selene.vision.image.ImageRejectedException.Reason;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.Limits.DEFAULT);

    @Test
    void decodesAJpegPhotoToRgb() {
        ImageDecoder.Decoded decoded = decoder.decode(TestPhotos.sample(1));
        assertThat(decoded.format()).isEqualTo("jpeg");
        assertThat(decoded.image().width()).isEqualTo(1920);
        assertThat(decoded.image().height()).isEqualTo(1280);
    }

    @Test
    void gifIsNotAnAcceptedFormatThoughImageIoReadsIt() throws IOException {
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "gif", gif);
        assertRejected(gif.toByteArray(), Reason.UNSUPPORTED_FORMAT);
        assertThat(ImageDecoder.contentType(gif.toByteArray())).isNull();
        assertThat(ImageDecoder.contentType(TestPhotos.sample(1))).isEqualTo("image/jpeg");
    }

    @Test
    void refusesAnEmptyBody() {
        assertRejected(new byte[0], Reason.EMPTY);
    }

    @Test
    void refusesRandomBytes() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        assertRejected(noise, Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void refusesATruncatedJpeg() {
        byte[] photo = TestPhotos.sample(1);
        assertRejected(Arrays.copyOf(photo, photo.length / 2), Reason.CORRUPT);
    }

    @Test
    void refusesAOnePixelImage() throws IOException {
        assertRejected(png(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)), Reason.TOO_SMALL);
    }

    @Test
    void refusesFromTheHeaderAPngDeclaringFiftyThousandPixelsSquare() {
        byte[] bomb = pngHeaderOnly(50_000, 50_000);
        long start = System.nanoTime();
        assertRejected(bomb, Reason.TOO_MANY_PIXELS);
        // refused from the header: no 7.5 GB decode was attempted
        assertThat((System.nanoTime() - start) / 1e6).isLessThan(1000);
        assertThat(bomb.length).isLessThan(100);
    }

    @Test
    void refusesMoreBytesThanTheLimit() {
        ImageDecoder small = new ImageDecoder(new ImageDecoder.Limits(1000, 40_000_000, 20));
        assertThatThrownBy(() -> small.decode(TestPhotos.sample(1)))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_BYTES));
    }

    @Test
    void thePixelBudgetIsConfigurable() {
        ImageDecoder strict = new ImageDecoder(new ImageDecoder.Limits(1 << 25, 2_000_000, 20));
        assertThatThrownBy(() -> strict.decode(TestPhotos.sample(1)))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
    }

    /** Pitfall 1: grey images keep their raw values (ImageIO's conversion would turn 100 into ~164). */
    @Test
    void greyImagesKeepTheirRawLevels() throws IOException {
        BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                grey.getRaster().setSample(x, y, 0, 100);
            }
        }
        for (String format : new String[] {"png", "jpeg"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(grey, format, out);
            RgbImage image = decoder.decode(out.toByteArray()).image();
            assertThat(image.red(10, 10)).as(format).isBetween(98, 102);
            assertThat(image.green(10, 10)).isEqualTo(image.red(10, 10));
            assertThat(image.blue(10, 10)).isEqualTo(image.red(10, 10));
        }
    }

    @Test
    void decodesPngAndBmp() throws IOException {
        BufferedImage colour = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        colour.setRGB(5, 6, 0xFF1020);
        for (String format : new String[] {"png", "bmp"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(colour, format, out);
            RgbImage image = decoder.decode(out.toByteArray()).image();
            assertThat(new int[] {image.red(5, 6), image.green(5, 6), image.blue(5, 6)}).as(format)
                    .containsExactly(0xFF, 0x10, 0x20);
        }
    }

    /** Pitfall 10: a photo stored sideways with EXIF orientation 6 comes out upright. */
    @Test
    void appliesTheExifOrientation() throws IOException {
        BufferedImage stored = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                stored.setRGB(x, y, 0xFFFFFF); // left half white, right half black
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(stored, "jpeg", out);
        byte[] jpeg = withExifOrientation(out.toByteArray(), 6);

        assertThat(Exif.orientation(jpeg)).isEqualTo(6);
        RgbImage upright = decoder.decode(jpeg).image();
        // rotated 90° clockwise: 20 wide, 40 high, the white half now on top
        assertThat(upright.width()).isEqualTo(20);
        assertThat(upright.height()).isEqualTo(40);
        assertThat(upright.red(10, 5)).isGreaterThan(200);
        assertThat(upright.red(10, 35)).isLessThan(50);
    }

    private void assertRejected(byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> decoder.decode(bytes))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** PNG signature, an IHDR declaring width × height RGB, and IEND: a few dozen bytes. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, IFD0 with one Orientation entry) after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        byte[] payload = new byte[6 + tiff.capacity()];
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, payload, 0, 6);
        System.arraycopy(tiff.array(), 0, payload, 6, tiff.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        int length = payload.length + 2;
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
