package io.selene.vision.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.selene.vision.body.BodyDetector.Body;
import io.selene.vision.image.Geometry.Box;
import io.selene.vision.image.RgbImage;
import org.junit.jupiter.api.Test;

class BodiesTest {

    @Test
    void aFaceInTheUpperHalfOfABodyBelongsToIt() {
        List<Body> bodies = List.of(new Body(0, 0, 100, 300, 0.9), new Body(200, 50, 100, 300, 0.8));
        List<Box> faces = List.of(
                new Box(230, 60, 270, 100),   // head of the second body
                new Box(30, 20, 70, 60),      // head of the first
                new Box(30, 220, 70, 260),    // a face low in the first body (a picture on a T-shirt?) — no
                new Box(500, 20, 540, 60));   // nobody under it
        assertThat(Bodies.associate(faces, bodies)).containsExactly(1, 0, -1, -1);
    }

    @Test
    void eachBodyGetsOneFaceAndAFaceWiderThanTheBodyIsNotItsHead() {
        List<Body> bodies = List.of(new Body(0, 0, 100, 300, 0.9));
        assertThat(Bodies.associate(List.of(new Box(40, 10, 60, 30), new Box(10, 10, 30, 30)), bodies))
                .containsExactly(0, -1);
        assertThat(Bodies.associate(List.of(new Box(-20, 0, 120, 140)), bodies)).containsExactly(-1);
    }

    @Test
    void theSampleIs128By256AndKeepsThePersonUnstretched() {
        // a white 50×100 figure on black: a 1:2 box maps onto the whole sample
        RgbImage image = RgbImage.blank(400, 400, 0);
        for (int y = 100; y < 200; y++) {
            for (int x = 100; x < 150; x++) {
                int at = (y * 400 + x) * 3;
                image.rgb()[at] = image.rgb()[at + 1] = image.rgb()[at + 2] = (byte) 255;
            }
        }
        RgbImage sample = Bodies.sample(image, new Body(100, 100, 50, 100, 0.9));
        assertThat(sample.width()).isEqualTo(128);
        assertThat(sample.height()).isEqualTo(256);
        assertThat(sample.red(64, 128)).isEqualTo(255);
        assertThat(sample.red(2, 2)).isGreaterThan(200);
        // a 100×100 box is widened to 100×200: the figure's left half fills the middle column band only
        RgbImage square = Bodies.sample(image, new Body(75, 100, 100, 100, 0.9));
        assertThat(square.red(64, 128)).isEqualTo(255);
        assertThat(square.red(64, 10)).isZero();   // above the figure: black image content, not stretched white
    }
}
