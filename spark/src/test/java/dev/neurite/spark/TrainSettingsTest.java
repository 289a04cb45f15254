package dev.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What makes a driver checkpoint a run's: the fingerprint of its settings, without Spark. */
class TrainSettingsTest {
    private static String fingerprint(NeuriteClassifier clf) {
        return clf.settings().fingerprint();
    }

    @Test
    void theEpochsArePartOfARunOnlyWhenTheScheduleRunsOverThem() {
        assertEquals(fingerprint(new NeuriteClassifier().setEpochs(2)), fingerprint(new NeuriteClassifier().setEpochs(4)));
        assertEquals(fingerprint(new NeuriteClassifier().setDecay(0.1).setEpochs(2)),
                fingerprint(new NeuriteClassifier().setDecay(0.1).setEpochs(4)));
        for (String schedule : new String[] {"cosine", "cosine-per-step", "one-cycle"}) {
            assertNotEquals(fingerprint(new NeuriteClassifier().setSchedule(schedule).setEpochs(2)),
                    fingerprint(new NeuriteClassifier().setSchedule(schedule).setEpochs(4)), schedule);
        }
    }

    @Test
    void theDefaultsKeepTheFingerprintOfCheckpointsWrittenBeforeTheNewSettings() {
        String plain = fingerprint(new NeuriteClassifier());
        assertEquals("[128] | relu | dropout=0.0 | init= | adam | lr=0.001 | momentum=0.9 | l2=0.0 | batch=64 | seed=1"
                + " | shuffle=true | workers=0 | K=0 | average", plain);
        String all = fingerprint(new NeuriteClassifier().setInputDropout(0.1).setNoBias(true).setL1(1e-4).setMaxNorm(2)
                .setSchedule("inverse-time").setDecay(0.5).setNormalize("min-max"));
        for (String part : new String[] {"inputDropout=0.1", "no bias", "l1=1.0E-4", "maxNorm=2.0", "InverseTime[decay=0.5]",
            "normalize=min-max"}) {
            assertTrue(all.contains(part), part + " in " + all);
        }
    }
}
