"""Chapter 6 and the gradient-flow blog: finite-difference gradients, line search (6.1), gradient
descent, SGD, momentum, Nesterov, normalised gradients and Adam (6.2-6.5), the losses they descend
(the straight line, the Gabor model, the closed-form toys), the blog's closed-form flow, and the loss
surfaces with paths they draw."""
