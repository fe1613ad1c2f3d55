package dev.tunebook.finetune.train;

/**
 * {@code torch.optim.AdamW}'s single-tensor update written out in doubles, as in
 * torch/optim/adam.py ({@code _single_tensor_adam} with decoupled weight decay): the reference the
 * DJL implementation is checked against.
 */
final class TorchAdamWReference {
    final double[] param;
    final double[] expAvg;
    final double[] expAvgSq;
    final double beta1;
    final double beta2;
    final double eps;
    final double weightDecay;
    int step;

    TorchAdamWReference(float[] initial, double beta1, double beta2, double eps, double wd) {
        this.param = new double[initial.length];
        for (int i = 0; i < initial.length; i++) {
            param[i] = initial[i];
        }
        this.expAvg = new double[initial.length];
        this.expAvgSq = new double[initial.length];
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = wd;
    }

    void step(float[] grad, double lr) {
        step++;
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double stepSize = lr / biasCorrection1;
        double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
        for (int i = 0; i < param.length; i++) {
            param[i] *= 1 - lr * weightDecay;
            expAvg[i] += (grad[i] - expAvg[i]) * (1 - beta1); // lerp_
            expAvgSq[i] = expAvgSq[i] * beta2 + (1 - beta2) * grad[i] * grad[i];
            double denom = Math.sqrt(expAvgSq[i]) / biasCorrection2Sqrt + eps;
            param[i] -= stepSize * expAvg[i] / denom;
        }
    }
}
